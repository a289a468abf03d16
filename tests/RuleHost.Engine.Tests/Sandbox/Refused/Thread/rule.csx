new System.Threading.Thread(() => { }).Start();
