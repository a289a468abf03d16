GC.Collect();
