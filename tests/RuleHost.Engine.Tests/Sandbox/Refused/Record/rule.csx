record Point(int X, int Y);
