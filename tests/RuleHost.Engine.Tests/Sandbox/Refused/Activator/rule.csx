var o = Activator.CreateInstance<List<int>>();
