Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { var sb = new StringBuilder(); while (true) sb.Append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); });
