// Every test builds its own folder, compiler, engine and fake clock, so tests can run side by side.
[assembly: Parallelizable(ParallelScope.Children)]
