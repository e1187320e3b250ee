enum PlanBenchmark { static func run(_ arguments: [String]) async throws { print("plan benchmark: not yet built") } }
