static int Deep(int n) => Deep(n + 1) + 1;
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => Deep(0) > 0);
