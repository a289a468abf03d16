Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { top: goto top; });
