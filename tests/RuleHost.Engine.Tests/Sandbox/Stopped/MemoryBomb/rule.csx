Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { var list = new List<string>(); while (true) list.Add(new string('x', 10_000)); });
