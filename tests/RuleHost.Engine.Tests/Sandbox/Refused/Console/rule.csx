Console.WriteLine("hello from a rule");
