import Foundation

/// Service fields about storage: volumes (short and long syntax), devices, and secret and config references.
extension ServiceDecoder {
    func volumes(_ field: NodeReader) throws -> [ServiceVolume] {
        try field.sequence().map { item in
            if case .scalar = item.node {
                let text = try item.string()
                guard let volume = ShortSyntax.volume(text, resolvePath: context.absolutePath) else {
                    throw item.fail("invalid volume \"\(text)\" (expected [SOURCE:]TARGET[:MODE])")
                }
                return volume
            }
            return try longVolume(item)
        }
    }

    func longVolume(_ item: NodeReader) throws -> ServiceVolume {
        var type: ServiceVolume.Kind?
        var source: String?
        var target: String?
        var volume = ServiceVolume(type: .volume, source: nil, target: "")
        for (key, value) in try item.mapping(allowedKeys: AllowedKeys.volumeMount) {
            switch key {
            case "type":
                let text = try value.string()
                guard let kind = ServiceVolume.Kind(rawValue: text) else { throw value.fail("unknown mount type \"\(text)\"") }
                type = kind
            case "source": source = try value.optionalString()
            case "target": target = try value.string()
            case "read_only": volume.readOnly = try value.bool() ? true : nil
            case "consistency": volume.consistency = try value.optionalString()
            case "bind":
                var bind = ServiceVolume.BindOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: AllowedKeys.bindOptions) {
                    switch option {
                    case "propagation": bind.propagation = try optionValue.optionalString()
                    case "create_host_path": bind.createHostPath = try optionValue.bool()
                    default: bind.selinux = try optionValue.optionalString()
                    }
                }
                volume.bind = bind
            case "volume":
                var options = ServiceVolume.VolumeOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: AllowedKeys.volumeOptions) {
                    if option == "nocopy" { options.nocopy = try optionValue.bool() } else { options.subpath = try optionValue.optionalString() }
                }
                volume.volume = options
            case "tmpfs":
                var options = ServiceVolume.TmpfsOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: AllowedKeys.tmpfsOptions) {
                    if option == "size" { options.size = try optionValue.byteCount() } else { options.mode = try optionValue.fileMode() }
                }
                volume.tmpfs = options
            default:
                _ = try value.mapping(allowedKeys: AllowedKeys.imageOptions)
            }
        }
        guard let type else { throw item.fail("a mount needs a type (volume, bind, tmpfs, …)") }
        guard let target, target.hasPrefix("/") || type == .npipe else { throw item.fail("a mount needs an absolute target") }
        volume.type = type
        volume.target = target
        switch type {
        case .bind:
            guard let source, !source.isEmpty else { throw item.fail("a bind mount needs a source") }
            volume.source = context.absolutePath(source)
        case .tmpfs:
            volume.source = nil
        default:
            volume.source = (source?.isEmpty ?? true) ? nil : source
        }
        return volume
    }

    func devices(_ field: NodeReader) throws -> [DeviceMapping] {
        try field.sequence().map { item in
            if case .scalar = item.node {
                let text = try item.string()
                guard let device = ShortSyntax.device(text) else { throw item.fail("invalid device \"\(text)\"") }
                return device
            }
            var device = DeviceMapping(source: "", target: "")
            for (key, value) in try item.mapping(allowedKeys: AllowedKeys.device) {
                switch key {
                case "source": device.source = try value.string()
                case "target": device.target = try value.string()
                default: device.permissions = try value.string()
                }
            }
            if device.target.isEmpty { device.target = device.source }
            guard !device.source.isEmpty else { throw item.fail("a device needs a source") }
            return device
        }
    }

    func fileReferences(_ field: NodeReader) throws -> [ServiceFileReference] {
        try field.sequence().map { item in
            if case .scalar = item.node { return ServiceFileReference(source: try item.string()) }
            var reference = ServiceFileReference(source: "")
            for (key, value) in try item.mapping(allowedKeys: AllowedKeys.fileReference) {
                switch key {
                case "source": reference.source = try value.string()
                case "target": reference.target = try value.optionalString()
                case "uid": reference.uid = try value.optionalString()
                case "gid": reference.gid = try value.optionalString()
                default: reference.mode = try value.fileMode()
                }
            }
            guard !reference.source.isEmpty else { throw item.fail("needs a source") }
            return reference
        }
    }
}
