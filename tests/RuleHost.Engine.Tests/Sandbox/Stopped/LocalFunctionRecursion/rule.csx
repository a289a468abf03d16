Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { int Down(int n) => Down(n + 1); return Down(0) > 0; });
