// The live tests marked [Parallelizable] mostly wait on simulated clusters, so more of them than cores can run at once.
[assembly: LevelOfParallelism(3)]
