Rule("Hostile").Match(e => e.Metric == "cpu").When(e => true).KeyBy(e => { var s = ""; while (true) s += "x"; });
