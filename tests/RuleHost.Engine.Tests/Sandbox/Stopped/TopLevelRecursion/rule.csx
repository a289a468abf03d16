static int Down(int n) => Down(n + 1);
Down(0);
