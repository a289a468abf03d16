#!/usr/bin/env bash
# RuleHost and Prometheus Alertmanager 0.25 side by side on this machine, against the same nginx receiver.
#
#   bench/compare-alertmanager.sh                # from any directory; as root if a package must be installed
#
# Throughput: a warm-up and ROUNDS rounds of ALERTS new distinct alerts posted to each system's /api/v2/alerts
# (batches of BATCH over CONNECTIONS connections), timed from the first POST to the arrival of the last
# notification at nginx (its access log, $msec). The systems take turns; they never run a round at the same time.
# Latency: LATENCY alerts one at a time (after LATENCY_WARMUP), POST → first byte at a raw receiver in the load tool.
# Alertmanager: group_by ['...'], group_wait 0s, group_interval 1s, webhook receivers. RuleHost: webhook targets
# (durable outbox, as always) and two Route lines. Neither notifies resolves: each round's alerts are resolved
# after it, so the next round starts with nothing active.
# Settings (environment): ROUNDS=3 ALERTS=10000 BATCH=1000 CONNECTIONS=4 LATENCY=300 LATENCY_WARMUP=50;
# CEILING=1 also measures wrk → nginx; R2R=1 runs RuleHost published with ReadyToRun (precompiled, less JIT at start); KEEP=1 keeps the temp folder (configs, logs); it is always kept on failure.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
host_dll=$repo/engine/RuleHost/bin/Release/net10.0/rulehost.dll
tool_dll=$repo/bench/RuleHost.LoadTest/bin/Release/net10.0/RuleHost.LoadTest.dll

install_if_missing() { # command package
    command -v "$1" >/dev/null && return
    echo "installing $2"
    apt-get install -y --no-install-recommends "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$2" >/dev/null; }
}

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
    done
}

wait_for_port() { # port name pid
    for _ in $(seq 200); do
        kill -0 "$3" 2>/dev/null || { echo "$2 exited; see $work" >&2; return 1; }
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
        sleep 0.1
    done
    echo "$2 did not listen on $1 within 20 s" >&2
    return 1
}

install_if_missing nginx nginx
install_if_missing prometheus-alertmanager prometheus-alertmanager
[[ ${CEILING:-0} == 1 ]] && install_if_missing wrk wrk
[[ -f $host_dll ]] || dotnet build -c Release "$repo/engine/RuleHost"
[[ -f $tool_dll ]] || dotnet build -c Release "$repo/bench/RuleHost.LoadTest"

work=$(mktemp -d /tmp/rulehost-compare.XXXXXX)
if [[ ${R2R:-0} == 1 ]]; then # RuleHost as a deployment would run it: published, its assemblies precompiled (ReadyToRun)
    dotnet publish -c Release -o "$work/rulehost" "$repo/engine/RuleHost" >"$work/publish.log" || { cat "$work/publish.log"; exit 1; }
    host_dll=$work/rulehost/rulehost.dll
fi
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ $status != 0 || ${KEEP:-0} == 1 ]]; then echo "configs and logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

nginx_port=$(free_port)
am_port=$(free_port)
rh_port=$(free_port)
receiver_port=$(free_port)
mkdir -p "$work/nginx" "$work/am-data" "$work/rh-data" "$work/rules"

cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
# Alertmanager keeps about 1,000 idle connections and opens more in a burst. Plenty of room, so that nginx never closes
# idle keep-alive connections for lack of it (a sender that reuses one sees "EOF" and retries later).
worker_rlimit_nofile 65536;
events { worker_connections 32768; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    # One line per notification POST: when nginx answered it (unix time, ms) and RuleHost's webhook-id ("-" for Alertmanager).
    log_format arrivals '\$msec \$http_webhook_id';
    server {
        listen 127.0.0.1:$nginx_port;
        location /am { access_log $work/am-arrivals.log arrivals; return 200; }
        location /rh { access_log $work/rh-arrivals.log arrivals; return 200; }
        location /ceiling { return 200; }
    }
}
EOF

cat >"$work/am.yml" <<EOF
route:
  receiver: nginx
  group_by: ['...']
  group_wait: 0s
  group_interval: 1s
  routes:
    - receiver: latency
      matchers: ['bench="latency"']
receivers:
  - name: nginx
    webhook_configs:
      - url: http://127.0.0.1:$nginx_port/am
        send_resolved: false
  - name: latency
    webhook_configs:
      - url: http://127.0.0.1:$receiver_port/am
        send_resolved: false
EOF

cat >"$work/rulehost.json" <<EOF
{ "RuleHost": { "Targets": {
    "bench-nginx":   { "Sink": "webhook", "Url": "http://127.0.0.1:$nginx_port/rh", "SendResolved": false },
    "bench-latency": { "Sink": "webhook", "Url": "http://127.0.0.1:$receiver_port/rh", "SendResolved": false } } } }
EOF

cat >"$work/rules/bench.csx" <<'EOF'
// Posted alerts have no NotifyTo: the first Route that accepts one wins.
Route(a => a.Labels.GetValueOrDefault("bench") == "latency", "bench-latency");
Route(a => true, "bench-nginx");
EOF

nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for_port "$nginx_port" nginx "${pids[-1]}"
nginx_worker=$(cat "/proc/${pids[-1]}/task/${pids[-1]}/children")

prometheus-alertmanager --config.file="$work/am.yml" --storage.path="$work/am-data" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
pids+=($!)
am_pid=$!
wait_for_port "$am_port" Alertmanager "$am_pid"

# The host prints a console line per alert; it goes to a file, as it would under a service manager.
dotnet "$host_dll" run --rules "$work/rules" --config "$work/rulehost.json" --data "$work/rh-data" \
    --urls "http://127.0.0.1:$rh_port" >"$work/rulehost.log" 2>&1 &
pids+=($!)
rh_pid=$!
wait_for_port "$rh_port" RuleHost "$rh_pid"

ceiling="not measured (CEILING=1 measures it)"
if [[ ${CEILING:-0} == 1 ]]; then
    head -c 800 /dev/zero | tr '\0' x >"$work/body.txt"
    printf 'wrk.method = "POST"\nwrk.body = io.open("%s"):read("*a")\n' "$work/body.txt" >"$work/post.lua"
    ceiling="$(wrk -t1 -c64 -d5s -s "$work/post.lua" "http://127.0.0.1:$nginx_port/ceiling" | awk '/Requests\/sec/ {print $2}') POSTs/s (wrk, 1 thread, 64 connections, 800-byte bodies, 5 s)"
fi

echo "nginx $(nginx -v 2>&1 | cut -d/ -f2) on :$nginx_port, $(prometheus-alertmanager --version 2>&1 | head -1 | cut -d' ' -f1-3) on :$am_port, RuleHost $(git -C "$repo" rev-parse --short HEAD)$([[ ${R2R:-0} == 1 ]] && echo " (ReadyToRun)") on :$rh_port; temp $work"
dotnet "$tool_dll" compare --rulehost "http://127.0.0.1:$rh_port" --alertmanager "http://127.0.0.1:$am_port" \
    --arrivals-rh "$work/rh-arrivals.log" --arrivals-am "$work/am-arrivals.log" --receiver-port "$receiver_port" \
    --pids "$am_pid,$rh_pid,${nginx_worker// /,}" --summary "$work/summary.txt" \
    --rounds "${ROUNDS:-3}" --alerts "${ALERTS:-10000}" --batch "${BATCH:-1000}" --connections "${CONNECTIONS:-4}" \
    --latency "${LATENCY:-300}" --latency-warmup "${LATENCY_WARMUP:-50}" | tee "$work/compare.log"

echo
cat "$work/summary.txt"
echo "loopback ceiling, nginx alone: $ceiling"
echo "logged warnings or errors: RuleHost $(grep -cE '^(warn|fail|crit):' "$work/rulehost.log" || true), Alertmanager $(grep -cE 'level=(warn|error)' "$work/alertmanager.log" || true)"
