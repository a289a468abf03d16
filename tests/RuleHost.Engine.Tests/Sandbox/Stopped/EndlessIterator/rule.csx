static IEnumerable<int> Forever() { while (true) yield return 1; }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => Forever().Count() > 0);
