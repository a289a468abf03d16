Func<int, int> f = null!;
f = n => f(n + 1) + 1;
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => f(0) > 0);
