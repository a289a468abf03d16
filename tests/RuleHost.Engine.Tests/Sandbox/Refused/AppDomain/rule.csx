var all = AppDomain.CurrentDomain.GetAssemblies();
