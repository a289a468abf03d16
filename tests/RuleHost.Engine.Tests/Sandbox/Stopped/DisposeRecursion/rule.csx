class D : IDisposable { public void Dispose() { using (new D()) { } } }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => { using (new D()) { } return true; });
