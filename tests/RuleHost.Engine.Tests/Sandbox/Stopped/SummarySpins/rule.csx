Rule("Hostile").Match(e => e.Metric == "cpu").When(e => true).Summary(e => { while (true) { } });
