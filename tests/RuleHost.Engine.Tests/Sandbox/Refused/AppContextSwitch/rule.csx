AppContext.SetSwitch("System.Globalization.Invariant", false);
