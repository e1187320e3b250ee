#!/usr/bin/env python3
"""Regenerates examples/*/snapshot.json: Docker Engine API objects (as
`composeplan observe` prints them) describing each example's live state.

Config-hash labels come from `composeplan hash`, run on the example itself
(up-to-date resources) or on a copy with the documented drift undone (the
state that was deployed before the change). Run after changing how hashes
are computed:  scripts/make-example-snapshots.py .build/debug/composeplan
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CREATED = 1767225600  # 2026-01-01T00:00:00Z


def hashes(binary, example, replacements=()):
    """`composeplan hash` of the example, with textual replacements applied."""
    source = os.path.join(ROOT, "examples", example, "compose.yaml")
    text = open(source).read()
    for old, new in replacements:
        assert old in text, (example, old)
        text = text.replace(old, new)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "compose.yaml")
        open(path, "w").write(text)
        output = subprocess.run([binary, "hash", "-f", path, "--profile", "*"], check=True,
                                capture_output=True, text=True).stdout
    return json.loads(output)


def ident(*parts):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def network(project, key, config_hash, subnet, internal=False):
    name = f"{project}_{key}"
    return {
        "Name": name, "Id": ident("network", name), "Created": "2026-01-01T00:00:00.000000000Z",
        "Scope": "local", "Driver": "bridge", "EnableIPv6": False,
        "IPAM": {"Driver": "default", "Options": None, "Config": [{"Subnet": subnet, "Gateway": subnet.rsplit(".", 1)[0] + ".1"}]},
        "Internal": internal, "Attachable": False, "Ingress": False, "ConfigFrom": {"Network": ""},
        "ConfigOnly": False, "Containers": {}, "Options": {},
        "Labels": {"com.docker.compose.config-hash": config_hash, "com.docker.compose.network": key,
                   "com.docker.compose.project": project, "com.docker.compose.version": "2.40.0"},
    }


def volume(project, key, config_hash):
    name = f"{project}_{key}"
    return {
        "CreatedAt": "2026-01-01T00:00:00Z", "Driver": "local",
        "Labels": {"com.docker.compose.config-hash": config_hash, "com.docker.compose.project": project,
                   "com.docker.compose.version": "2.40.0", "com.docker.compose.volume": key},
        "Mountpoint": f"/var/lib/docker/volumes/{name}/_data", "Name": name, "Options": None, "Scope": "local",
    }


def container(project, service, number, image, config_hash, networks, mounts=(), state="running",
              depends_on="", ports=(), oneoff=False):
    name = f"{project}-{service}-{number}"
    labels = {
        "com.docker.compose.config-hash": config_hash, "com.docker.compose.container-number": str(number),
        "com.docker.compose.depends_on": depends_on, "com.docker.compose.image": "sha256:" + ident("image", image),
        "com.docker.compose.oneoff": "True" if oneoff else "False", "com.docker.compose.project": project,
        "com.docker.compose.project.config_files": f"/srv/{project}/compose.yaml",
        "com.docker.compose.project.working_dir": f"/srv/{project}", "com.docker.compose.service": service,
        "com.docker.compose.version": "2.40.0",
    }
    status = {"running": "Up 3 days", "exited": "Exited (0) 3 days ago"}[state]
    return {
        "Id": ident("container", name), "Names": ["/" + name], "Image": image, "ImageID": "sha256:" + ident("image", image),
        "Command": "docker-entrypoint.sh", "Created": CREATED, "Ports": list(ports), "Labels": labels,
        "State": state, "Status": status, "HostConfig": {"NetworkMode": f"{project}_default"},
        "NetworkSettings": {"Networks": {
            net["Name"]: {"IPAMConfig": None, "Links": None, "Aliases": None, "NetworkID": net["Id"],
                          "EndpointID": ident("endpoint", name, net["Name"]) if state == "running" else "",
                          "Gateway": "", "IPAddress": "", "IPPrefixLen": 0, "IPv6Gateway": "",
                          "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "MacAddress": "", "DriverOpts": None}
            for net in networks}},
        "Mounts": [{"Type": "volume", "Name": vol["Name"], "Source": vol["Mountpoint"], "Destination": dest,
                    "Driver": "local", "Mode": "z", "RW": True, "Propagation": ""} for vol, dest in mounts],
    }


def drifted(binary):
    project = "blog"
    now = hashes(binary, "drifted")
    before = hashes(binary, "drifted", [
        ("image: wordpress:6.6-php8.3-fpm", "image: wordpress:6.5-php8.3-fpm"),
        ("  backend:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/24\n", "  backend: {}\n"),
        ("    scale: 1\n", "    scale: 3\n"),
    ])
    frontend = network(project, "frontend", now["networks"]["frontend"], "172.18.0.0/16")
    backend = network(project, "backend", before["networks"]["backend"], "172.19.0.0/16")
    uploads = volume(project, "uploads", now["volumes"]["uploads"])
    data = volume(project, "db-data", now["volumes"]["db-data"])
    containers = [
        container(project, "db", 1, "mariadb:11.4", now["services"]["db"], [backend], [(data, "/var/lib/mysql")]),
        container(project, "app", 1, "wordpress:6.5-php8.3-fpm", before["services"]["app"], [frontend, backend],
                  [(uploads, "/var/www/html/wp-content/uploads")], depends_on="db:service_started:false"),
        container(project, "web", 1, "nginx:1.27-alpine", now["services"]["web"], [frontend],
                  depends_on="app:service_started:false",
                  ports=[{"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 80, "Type": "tcp"}]),
    ] + [
        container(project, "worker", n, "wordpress:cli-2.11", now["services"]["worker"], [backend],
                  depends_on="db:service_started:false") for n in (1, 2, 3)
    ] + [
        container(project, "legacy-cron", 1, "alpine:3.20", ident("legacy-cron"), [frontend]),
    ]
    return {"engine": {"ApiVersion": "1.41", "Version": "20.10.24"}, "containers": containers,
            "networks": [backend, frontend], "volumes": [data, uploads]}


def healthchecks(binary):
    project = "payments"
    now = hashes(binary, "healthchecks")
    before = hashes(binary, "healthchecks", [("image: postgres:16.4", "image: postgres:16.3")])
    default = network(project, "default", now["networks"]["default"], "172.20.0.0/16")
    pgdata = volume(project, "pgdata", now["volumes"]["pgdata"])
    containers = [
        container(project, "db", 1, "postgres:16.3", before["services"]["db"], [default], [(pgdata, "/var/lib/postgresql/data")]),
        container(project, "migrate", 1, "ghcr.io/example/payments:1.8.0", now["services"]["migrate"], [default],
                  state="exited", depends_on="db:service_healthy:false"),
        container(project, "api", 1, "ghcr.io/example/payments:1.8.0", now["services"]["api"], [default],
                  depends_on="db:service_healthy:true,migrate:service_completed_successfully:false"),
        container(project, "worker", 1, "ghcr.io/example/payments:1.8.0", now["services"]["worker"], [default],
                  depends_on="db:service_healthy:true,metrics:service_started:false"),
        container(project, "web", 1, "ghcr.io/example/payments-web:1.8.0", now["services"]["web"], [default],
                  depends_on="api:service_healthy:false",
                  ports=[{"IP": "0.0.0.0", "PrivatePort": 8443, "PublicPort": 443, "Type": "tcp"}]),
    ]
    return {"engine": {"ApiVersion": "1.41", "Version": "20.10.24"}, "containers": containers,
            "networks": [default], "volumes": [pgdata]}


def image(reference, local_digest=None, registry_digest=None, present=True):
    """An `images` entry: the daemon's image inspect answer (absent when
    the image is not present) and the registry's current digest."""
    entry = {"Reference": reference}
    if present:
        name = reference.rsplit(":", 1)[0]
        entry["Image"] = {
            "Id": "sha256:" + ident("image", reference), "RepoTags": [reference],
            "RepoDigests": [f"{name}@{local_digest}"] if local_digest else [],
            "Created": "2025-12-20T00:00:00Z", "Size": 180_000_000, "Os": "linux", "Architecture": "amd64",
            "Metadata": {"LastTagTime": "2026-01-01T00:00:00Z"},
        }
    if registry_digest:
        entry["RegistryDigest"] = registry_digest
    return entry


def pulls(binary):
    project = "shop"
    now = hashes(binary, "pulls")
    default = network(project, "default", now["networks"]["default"], "172.21.0.0/16")
    pgdata = volume(project, "pgdata", now["volumes"]["pgdata"])
    containers = [
        container(project, "db", 1, "postgres:16.4", now["services"]["db"], [default], [(pgdata, "/var/lib/postgresql/data")]),
        container(project, "api", 1, "registry.example.com/shop/api:2", now["services"]["api"], [default],
                  depends_on="db:service_started:false"),
        container(project, "web", 1, "registry.example.com/shop/web:2", now["services"]["web"], [default],
                  depends_on="api:service_started:false",
                  ports=[{"IP": "0.0.0.0", "PrivatePort": 8080, "PublicPort": 80, "Type": "tcp"}]),
    ]
    digest = lambda *parts: "sha256:" + ident("manifest", *parts)
    images = [
        image("postgres:16.4", digest("postgres"), digest("postgres")),
        # The tag was pushed again since the API's image was pulled.
        image("registry.example.com/shop/api:2", digest("api", "old"), digest("api", "new")),
        image("registry.example.com/shop/search:1", registry_digest=digest("search"), present=False),
        image("registry.example.com/shop/web:2", digest("web"), digest("web")),
    ]
    return {"engine": {"ApiVersion": "1.41", "Version": "20.10.24"}, "containers": containers,
            "networks": [default], "volumes": [pgdata], "images": images}


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/composeplan"))
    for name, build in (("drifted", drifted), ("healthchecks", healthchecks), ("pulls", pulls)):
        path = os.path.join(ROOT, "examples", name, "snapshot.json")
        with open(path, "w") as out:
            json.dump(build(binary), out, indent=2, sort_keys=True)
            out.write("\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
