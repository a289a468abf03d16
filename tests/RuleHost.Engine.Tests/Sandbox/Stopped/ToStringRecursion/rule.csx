class Loop { public override string ToString() => "<" + this + ">"; }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => new Loop().ToString().Length > 0);
