static bool Spin() { while (true) { } }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { try { throw new Exception(); } catch (Exception) when (Spin()) { } return true; });
