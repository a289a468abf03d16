var t = new System.Threading.Timer(_ => { });
