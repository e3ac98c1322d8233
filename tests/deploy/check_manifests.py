#!/usr/bin/python3
"""Checks k8s/ and deploy/docker/docker-compose.yml against the real service binaries.

Every manifest parses; kinds and apiVersions are known; every container's flags exist in its
binary (from --helpfull); container ports, probe ports and scrape annotations agree with
--listen / --metrics_listen; mounted config paths exist in a mounted ConfigMap built from files
that exist; every Service selects a workload and targets a named port it has; the compose file
uses the same flags and ports. Exit 0 when all holds, else 1 with every problem listed.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

import yaml

API_VERSIONS = {
    "Deployment": "apps/v1", "StatefulSet": "apps/v1", "Service": "v1", "ConfigMap": "v1",
    "Secret": "v1", "Namespace": "v1", "PodDisruptionBudget": "policy/v1",
    "HorizontalPodAutoscaler": "autoscaling/v2", "NetworkPolicy": "networking.k8s.io/v1",
    "Kustomization": "kustomize.config.k8s.io/v1beta1", "Ingress": "networking.k8s.io/v1",
}
# Binaries that serve HTTP, not gRPC, on --listen (container port "http"). The gateway verifies
# no token itself (it forwards the caller's to the services, which do), so needs no --auth_keys.
HTTP_BINARIES = {"liandong-gateway"}
problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def binary_flags(path):
    out = subprocess.run([path, "--helpfull"], capture_output=True, text=True, timeout=30)
    return set(re.findall(r"--([a-z_]+) \(", out.stdout + out.stderr))


def flag_values(args):
    values = {}
    for a in args:
        m = re.match(r"--([a-z_]+)(?:=(.*))?$", a)
        if m:
            values[m.group(1)] = m.group(2) or ""
    return values


def port_of(address):
    return int(address.rsplit(":", 1)[1])


def check_flags(where, binary, args, flags_by_binary):
    known = flags_by_binary.get(binary)
    if known is None:
        problem(where, f"command '{binary}' is not one of the service binaries")
        return {}
    values = flag_values(args)
    for name in values:
        if name not in known:
            problem(where, f"flag --{name} does not exist in {binary}")
    # The archiver reads no rule table.
    for required in ("listen", "metrics_listen") + (() if binary == "liandong-archiver" else ("rules",)):
        if required not in values:
            problem(where, f"--{required} is not set (the default binds loopback or a build path)")
    return values


def check_k8s(root, flags_by_binary):
    docs = []
    for path in sorted(glob.glob(os.path.join(root, "k8s", "**", "*.yaml"), recursive=True)):
        try:
            for doc in yaml.safe_load_all(open(path)):
                if doc:
                    docs.append((os.path.relpath(path, root), doc))
        except yaml.YAMLError as e:
            problem(path, f"does not parse: {e}")
    workloads, services, config_maps = [], [], set()
    for where, doc in docs:
        kind, api = doc.get("kind"), doc.get("apiVersion")
        if kind not in API_VERSIONS:
            problem(where, f"unknown kind {kind}")
            continue
        if api != API_VERSIONS[kind]:
            problem(where, f"{kind} has apiVersion {api}, expected {API_VERSIONS[kind]}")
        if kind in ("Deployment", "StatefulSet"):
            workloads.append((where, doc))
        elif kind == "Service":
            services.append((where, doc))
        elif kind == "ConfigMap":
            config_maps.add(doc["metadata"]["name"])
        elif kind == "Kustomization":
            base = os.path.dirname(os.path.join(root, where))
            for res in doc.get("resources", []):
                if not os.path.exists(os.path.join(base, res)):
                    problem(where, f"resource {res} does not exist")
            for gen in doc.get("configMapGenerator", []):
                config_maps.add(gen["name"])
                for f in gen.get("files", []):
                    src = f.split("=", 1)[-1]
                    if not os.path.exists(os.path.join(base, src)):
                        problem(where, f"configMapGenerator {gen['name']}: {src} does not exist")
    for where, w in workloads:
        name = w["metadata"]["name"]
        pod = w["spec"]["template"]
        labels = pod["metadata"].get("labels", {})
        if w["spec"]["selector"]["matchLabels"].items() - labels.items():
            problem(where, f"{name}: selector does not match the pod template labels")
        volumes = {v["name"]: v for v in pod["spec"].get("volumes", [])}
        for c in pod["spec"]["containers"]:
            ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            if w["kind"] == "StatefulSet":
                continue  # Redis: an upstream image, checked by its own probes
            binary = c["command"][0]
            values = check_flags(f"{where} {name}", binary, c.get("args", []), flags_by_binary)
            served = "http" if binary in HTTP_BINARIES else "grpc"
            if "listen" in values and ports.get(served) != port_of(values["listen"]):
                problem(where, f"{name}: {served} port {ports.get(served)} != --listen {values['listen']}")
            if "metrics_listen" in values:
                mport = port_of(values["metrics_listen"])
                if ports.get("metrics") != mport:
                    problem(where, f"{name}: metrics port {ports.get('metrics')} != --metrics_listen")
                if pod["metadata"].get("annotations", {}).get("prometheus.io/port") != str(mport):
                    problem(where, f"{name}: prometheus.io/port annotation != {mport}")
            # Kubelet probes speak neither TLS nor tokens: they go to the plaintext health port.
            if "health_listen" not in values or ports.get("health") != port_of(values["health_listen"]):
                problem(where, f"{name}: health port {ports.get('health')} != --health_listen")
            for flag in ("insecure_local", "reflection"):
                if flag in values:
                    problem(where, f"{name}: --{flag} must not be set in a cluster")
            for probe in ("readinessProbe", "livenessProbe"):
                grpc_probe = c.get(probe, {}).get("grpc")
                if not grpc_probe or grpc_probe.get("port") != ports.get("health"):
                    problem(where, f"{name}: {probe} is not a gRPC probe on the health port")
                elif grpc_probe.get("service") not in (None, "ready"):
                    problem(where, f"{name}: {probe} service must be '' or 'ready'")
            for flag in ("tls_cert", "tls_key", "tls_ca") + (() if binary in HTTP_BINARIES else ("auth_keys",)):
                if flag not in values:
                    problem(where, f"{name}: --{flag} is not set (mutual TLS and tokens are required)")
            for flag in ("tls_cert", "tls_key", "tls_ca"):
                volume = volumes.get(mounts.get(os.path.dirname(values.get(flag, "")), ""))
                if flag in values and (volume is None or "secret" not in volume):
                    problem(where, f"{name}: --{flag} is not under a mounted Secret")
            for flag in ("rules", "calendar", "auth_keys"):
                if flag not in values:
                    continue
                for path in values[flag].split(","):  # --calendar takes one file a year
                    directory = os.path.dirname(path)
                    volume = volumes.get(mounts.get(directory, ""))
                    if volume is None:
                        problem(where, f"{name}: --{flag} {path} is not under a mounted volume")
                    elif volume.get("configMap", {}).get("name") not in config_maps:
                        problem(where, f"{name}: --{flag} volume's ConfigMap does not exist")
            for env in c.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref["name"] not in ("liandong-secrets",):
                    problem(where, f"{name}: env {env['name']} uses unknown secret {ref['name']}")
    for where, svc in services:
        selector = svc["spec"].get("selector", {})
        matched = [w for _, w in workloads
                   if not selector.items() - w["spec"]["template"]["metadata"]["labels"].items()]
        if not matched:
            problem(where, f"Service {svc['metadata']['name']} selects no workload")
            continue
        names = {p.get("name") for c in matched[0]["spec"]["template"]["spec"]["containers"]
                 for p in c.get("ports", [])}
        for p in svc["spec"]["ports"]:
            if isinstance(p.get("targetPort"), str) and p["targetPort"] not in names:
                problem(where, f"Service {svc['metadata']['name']} targets missing port {p['targetPort']}")
    service_names = {svc["metadata"]["name"]: svc for _, svc in services}
    for where, doc in docs:
        if doc.get("kind") != "Ingress":
            continue
        for rule in doc["spec"].get("rules", []):
            for path in rule.get("http", {}).get("paths", []):
                backend = path["backend"]["service"]
                svc = service_names.get(backend["name"])
                if svc is None:
                    problem(where, f"Ingress backend {backend['name']} is not a Service")
                elif backend["port"].get("name") not in {p.get("name") for p in svc["spec"]["ports"]}:
                    problem(where, f"Ingress backend {backend['name']} has no port {backend['port']}")
    if len(workloads) < 5:
        problem("k8s", f"expected the four services and Redis, found {len(workloads)} workloads")


def check_compose(root, flags_by_binary):
    path = os.path.join(root, "deploy", "docker", "docker-compose.yml")
    compose = yaml.safe_load(open(path))
    for name in ("intake", "classification", "dispatch", "feedback", "redis"):
        if name not in compose["services"]:
            problem(path, f"service {name} is missing")
    for name, svc in compose["services"].items():
        cmd = svc.get("command", [])
        if not cmd or not str(cmd[0]).startswith("liandong-"):
            continue
        values = check_flags(f"{path} {name}", cmd[0], cmd[1:], flags_by_binary)
        for flag in ("tls_cert", "tls_key", "tls_ca", "auth_keys"):
            if flag not in values:
                problem(path, f"{name}: --{flag} is not set")
        for p in svc.get("ports", []):
            if not str(p).startswith("127.0.0.1:"):
                problem(path, f"{name}: port {p} is published beyond loopback")
        published = {int(str(p).split(":")[-2]) for p in svc.get("ports", [])}
        if "listen" in values and port_of(values["listen"]) not in published:
            problem(path, f"{name}: --listen port is not published")
        for peer in ("classification", "dispatch"):
            if peer in values and values[peer].split(":")[0] not in compose["services"]:
                problem(path, f"{name}: --{peer} names an unknown compose service")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--bin", action="append", default=[], help="name=path of a service binary")
    a = parser.parse_args()
    flags_by_binary = {}
    for spec in a.bin:
        name, path = spec.split("=", 1)
        flags_by_binary[name] = binary_flags(path)
        if "listen" not in flags_by_binary[name]:
            problem(name, "could not read its flags from --helpfull")
    check_k8s(a.root, flags_by_binary)
    check_compose(a.root, flags_by_binary)
    for p in problems:
        print(p)
    print(f"{len(problems)} problems" if problems else "manifests agree with the services")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
