Rule("Leak").Match(e => System.IO.File.Exists("/tmp/x")).When(e => true);
