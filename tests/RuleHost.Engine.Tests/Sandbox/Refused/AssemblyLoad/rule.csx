var a = System.Reflection.Assembly.Load("System.IO");
