class Boom { public static int X = Spin(); static int Spin() { while (true) { } } }
Rule("Hostile").Match(e => e.Metric == "cpu").When(e => Boom.X > 0);
