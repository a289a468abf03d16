Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { for (;;) { } });
