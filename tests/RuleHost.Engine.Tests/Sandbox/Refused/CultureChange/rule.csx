System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
