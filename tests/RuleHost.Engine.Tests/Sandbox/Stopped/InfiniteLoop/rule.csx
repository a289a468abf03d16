Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { while (true) { } });
