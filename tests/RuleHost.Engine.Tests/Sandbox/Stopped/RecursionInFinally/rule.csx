static int F(int n) { try { return n; } finally { F(n + 1); } }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => F(0) > 0);
