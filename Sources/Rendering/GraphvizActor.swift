/// The one serial owner of Graphviz in the process.
///
/// Graphviz (cgraph, gvc and the layout and render plugins) keeps global
/// state and is not thread-safe: every call into it, from this module or
/// any other, must run isolated to this actor.
@globalActor
public actor GraphvizActor {
    public static let shared = GraphvizActor()
}
