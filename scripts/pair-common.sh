# Functions the pair scripts share (scripts/*-pair.sh source this file; it runs nothing by itself).

# median FILE COLUMN: the median of the numbers in one whitespace-separated column of FILE.
median() {
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# copy_launcher ROOT DIR JAR JVM_DIR: a copy of ROOT's ./meshscope launcher in DIR that runs JAR with JVM_DIR's
# options, with its own class-data archive made now (not during a run) from the bundled example it is trained on.
copy_launcher() {
  local root="$1" dir="$2" jar="$3" jvm="$4"
  mkdir -p "$dir/cli/target" "$dir/examples"
  cp "$root/meshscope" "$dir/"
  cp -r "$jvm" "$dir/jvm"
  cp -r "$root/examples/ecommerce" "$dir/examples/"
  cp "$jar" "$dir/cli/target/meshscope.jar"
  "$dir/meshscope" --version >/dev/null
  if [ ! -f "$dir/cli/target/meshscope.jsa" ]; then
    echo "the launcher in $dir made no class-data archive: its runs would not be the shipped launcher's" >&2
    exit 1
  fi
}

# build_pair ROOT REV WORK MODULES: installs the working tree's MODULES (with what they need) and packages REV's
# cli jar in a git worktree at WORK/src, which remove_pair_worktree ROOT WORK takes away again.
build_pair() {
  local root="$1" rev="$2" work="$3" modules="$4"
  echo "building the working tree's $modules" >&2
  (cd "$root" && ./mvnw -B -q -pl "$modules" -am install -DskipTests)
  echo "building $rev's jar" >&2
  git -C "$root" worktree add -q --detach "$work/src" "$rev"
  (cd "$work/src" && ./mvnw -B -q -pl cli -am package -DskipTests)
}

remove_pair_worktree() {
  git -C "$1" worktree remove --force "$2/src" >/dev/null 2>&1 || true
}
