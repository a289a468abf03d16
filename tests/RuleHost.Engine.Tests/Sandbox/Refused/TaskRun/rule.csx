System.Threading.Tasks.Task.Run(() => { });
