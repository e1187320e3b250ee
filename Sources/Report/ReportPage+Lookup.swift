import Mustache

// The entries the template repeats once per node are read by name instead
// of through reflection: Mustache's default lookup builds a `Mirror` for
// every `{{name}}`, which made rendering a 50,000-node report spend four
// fifths of its time in the Swift runtime. A name an entry does not hold
// is `nil`, so the lookup goes on up the context stack as before.

extension ReportPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "resource": resource
        case "type": type
        case "kind": kind
        case "cause": cause
        case "group": group
        case "dependsOn": dependsOn
        case "service": service
        case "wave": wave
        case "hasRecord": hasRecord
        case "status": status
        case "start": start
        case "startValue": startValue
        case "duration": duration
        case "durationValue": durationValue
        case "error": error
        case "changes": changes
        case "hasChanges": hasChanges
        default: nil
        }
    }
}

extension ReportPage.Change: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "type": type
        case "kind": kind
        case "resource": resource
        case "target": target
        case "cause": cause
        case "status": status as Any?
        case "duration": duration as Any?
        default: nil
        }
    }
}

extension ReportPage.WaveNode: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "type": type
        case "kind": kind
        case "resource": resource
        case "label": label
        default: nil
        }
    }
}

extension ReportPage.ErrorEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "type": type
        case "resource": resource
        case "status": status
        case "message": message
        default: nil
        }
    }
}
