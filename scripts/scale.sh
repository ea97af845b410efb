#!/usr/bin/env bash
# The scaling table of docs/PERFORMANCE.md ("Scaling"): generates synth meshes of each size (no Sidecars and one
# Sidecar per workload), runs every command on each through the launcher, as users run it (its own JVM with
# jvm/cli.options, the class-data sharing archive, then MESHSCOPE_JAVA_OPTS), and prints a Markdown table of CPU seconds (user+sys, from the
# shell's own accounting of its children: no /usr/bin/time needed) and peak RSS (VmHWM from /proc, read every
# 0.1 s while the command runs), then the per-service CPU ratio between two sizes.
#
#   scripts/scale.sh                                  # 1k/5k/20k/50k: about 25 minutes on two idle cores
#   scripts/scale.sh --sizes 1000,2000 --timeout 120  # a quick smoke run
#
# Options: --sizes N,N,...  --variants none,workload  --commands validate,describe,...  --dir DIR (meshes are kept
# there and reused; default: a temporary directory)
# --timeout SECONDS per command (default 1800)  --ratio SMALL:LARGE (default 5000:50000 when both are run, else
# the smallest and largest size). Run from anywhere; paths are relative to the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="1000,5000,20000,50000"
variants="none,workload"
commands="validate,describe,analyze,affected,config-dump,report,generate,whatif"
dir=""
timeout_s=1800
ratio=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --variants) variants="$2"; shift 2 ;;
    --commands) commands="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --ratio) ratio="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
if [ -z "$dir" ]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/meshscope-scale.XXXXXX")"
  trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
IFS=, read -r -a size_list <<<"$sizes"
IFS=, read -r -a variant_list <<<"$variants"
IFS=, read -r -a command_list <<<"$commands"
# The launcher, as users run it: jvm/cli.options, the class-data sharing archive (made on its first run after a
# build, before any measured command: the synth call below), and MESHSCOPE_JAVA_OPTS, which it reads itself.
java_cmd=("$root/meshscope")
"${java_cmd[@]}" --version >/dev/null   # builds a stale jar and makes the archive now, outside every measurement

seconds() { # "1m2.500s" -> 62.500
  local m="${1%%m*}" s="${1#*m}"; s="${s%s}"
  awk -v m="$m" -v s="$s" 'BEGIN { printf "%.3f", m * 60 + s }'
}

# measure CMD...: runs it with output discarded; sets cpu (s), rss (MB) and status (exit code or "timeout").
measure() {
  local hwm_file="$dir/.hwm" times_file="$dir/.times"
  : >"$hwm_file"
  # The command runs in a subshell of its own whose `times` counts only it (timeout and the JVM): the sampler's
  # pgrep, awk and sleep processes are children of this shell, not of that one. (Until the eighth round they were
  # counted too, so longer runs read high: docs/PERFORMANCE.md, "1,000 to 50,000 services (current, eighth round)".)
  (
    set +e
    timeout "$timeout_s" "$@" >/dev/null 2>"$dir/.stderr"
    echo "$?" >"$dir/.status"
    times >"$times_file"
  ) &
  local pid=$! p q
  # the subshell forks timeout, which forks the JVM: follow both levels for the high-water mark
  while kill -0 "$pid" 2>/dev/null; do
    for p in $(pgrep -P "$pid" 2>/dev/null); do
      for q in $(pgrep -P "$p" 2>/dev/null) "$p"; do
        awk '/^VmHWM:/ { print $2 }' "/proc/$q/status" 2>/dev/null || true  # it may just have ended
      done
    done >>"$hwm_file"
    sleep 0.1
  done
  wait "$pid" || true
  local line user sys
  line="$(sed -n 2p "$times_file")"
  user="$(seconds "${line%% *}")"
  sys="$(seconds "${line##* }")"
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')"
  rss="$(sort -n "$hwm_file" | tail -1 | awk '{ printf "%d", $1 / 1024 }')"
  status="$(cat "$dir/.status")"
  [ "$status" = 124 ] && status="timeout"
  return 0
}

declare -A cpu_of
rows=()
for variant in "${variant_list[@]}"; do
  for n in "${size_list[@]}"; do
    mesh="$dir/$variant-$n"
    deps="$dir/$variant-$n.deps.yaml"
    if [ ! -d "$mesh" ]; then
      # generated beside it and renamed when complete, so an interrupted run never leaves a partial mesh to reuse
      rm -rf "$mesh.partial"
      "${java_cmd[@]}" synth -o "$mesh.partial" --services "$n" --sidecars "$variant" --fanout 5 --replicas 1 \
        --deps-out "$deps" >/dev/null
      mv "$mesh.partial" "$mesh"
    fi
    # the first Deployment of the first namespace file: a workload every size has
    # a glob, not ls | head: under pipefail, head closing the pipe early kills ls (SIGPIPE) and the script
    ns_files=("$mesh"/ns-*.yaml)
    first="${ns_files[0]}"
    workload="$(awk '/^kind: Deployment/ { d = 1 } d && /^  name:/ { n = $2 } d && /^  namespace:/ { print $2 "/" n; exit }' "$first")"
    service="$(echo "$workload" | awk -F/ '{ print $2 "." $1 ".svc.cluster.local" }')"
    for c in "${command_list[@]}"; do
      case "$c" in
        validate) args=(validate -f "$mesh") ;;
        describe) args=(describe "$workload" -f "$mesh") ;;
        analyze) args=(analyze -f "$mesh") ;;
        affected) args=(affected "service:$service" -f "$mesh") ;;
        config-dump) args=(config-dump "$workload" -f "$mesh") ;;
        report) args=(report -f "$mesh") ;;
        generate) args=(generate -f "$mesh" --deps "$deps" -o yaml) ;;
        whatif) args=(whatif -f "$mesh" --deps "$deps") ;;
        *) echo "scale.sh: unknown command $c" >&2; exit 2 ;;
      esac
      measure "${java_cmd[@]}" "${args[@]}" --quiet
      echo "scale.sh: $variant $n $c: ${cpu} s CPU, ${rss} MB, exit $status" >&2
      shown="$cpu"
      case "$status" in 0|1) ;; timeout) shown="> $timeout_s (timed out)" ;; *) shown="$cpu (exit $status)" ;; esac
      rows+=("| $c | $variant | $n | $shown | $rss |")
      [ "$status" = 0 ] || [ "$status" = 1 ] && cpu_of["$c/$variant/$n"]="$cpu"
    done
  done
done

echo "| command | Sidecars | services | CPU s (user+sys) | peak RSS MB |"
echo "|---|---|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

if [ -z "$ratio" ]; then
  case ",$sizes," in
    *,5000,*50000,*) ratio="5000:50000" ;;
    *) ratio="$(printf '%s\n' "${size_list[@]}" | sort -n | head -1):$(printf '%s\n' "${size_list[@]}" | sort -n | tail -1)" ;;
  esac
fi
small="${ratio%%:*}"; large="${ratio##*:}"
echo
echo "Per-service CPU, $large ÷ $small services (1.0 = linear; the target is at most 1.5):"
echo
echo "| command | $(printf '%s | ' "${variant_list[@]}")"
echo "|---|$(printf -- '---:|%.0s' "${variant_list[@]}")"
for c in "${command_list[@]}"; do
  line="| $c |"
  for variant in "${variant_list[@]}"; do
    a="${cpu_of[$c/$variant/$small]:-}"; b="${cpu_of[$c/$variant/$large]:-}"
    if [ -n "$a" ] && [ -n "$b" ]; then
      line+=" $(awk -v a="$a" -v b="$b" -v n="$small" -v m="$large" 'BEGIN { if (a <= 0) print "—"; else printf "%.2f", (b / m) / (a / n) }') |"
    else
      line+=" — |"
    fi
  done
  echo "$line"
done
