static int R(int n) { try { throw new InvalidOperationException(); } catch { return R(n + 1); } }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => R(0) > 0);
