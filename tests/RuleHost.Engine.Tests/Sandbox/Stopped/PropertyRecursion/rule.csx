class P { public int V => V + 1; }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => new P().V > 0);
