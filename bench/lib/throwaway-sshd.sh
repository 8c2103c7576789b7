# Sourced by the bench scripts: a throwaway OpenSSH sshd on 127.0.0.1 with its own keys and config.
#
#   source bench/lib/throwaway-sshd.sh
#   start_throwaway_sshd "$dir" ["sshd_config line" ...]
#
# Writes into $dir (which must exist): host_ed25519(.pub), client_ed25519(.pub), authorized_keys
# (the client key), sshd_config, sshd.log and known_hosts (the host key for [127.0.0.1]:$port).
# The config allows only $USER_NAME (default vtytest, from scripts/install-test-deps.sh) in with
# the client key; each extra argument is one more config line (Ciphers, Subsystem, MaxStartups …).
# Sets port and pid (the caller kills "$pid" in its cleanup); exits the script if sshd cannot start.
# Needs root (sshd) and /usr/sbin/sshd.

start_throwaway_sshd() {
  local dir=$1; shift
  local user=${USER_NAME:-vtytest}
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/client_ed25519"
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
  chmod 644 "$dir/authorized_keys"
  mkdir -p /run/sshd
  # A free port: bash cannot bind port 0 and read what the kernel chose, so pick one at random and
  # let sshd retry on another when it is taken.
  pid=""
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(( (RANDOM % 20000) + 30000 ))
    {
      echo "ListenAddress 127.0.0.1:$port"
      echo "HostKey $dir/host_ed25519"
      echo "PidFile none"
      echo "UsePAM no"
      echo "StrictModes no"
      echo "AuthorizedKeysFile $dir/authorized_keys"
      echo "PasswordAuthentication no"
      echo "AllowUsers $user"
      local line
      for line in "$@"; do echo "$line"; done
      echo "LogLevel ERROR"
    } > "$dir/sshd_config"
    /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
    pid=$!
    sleep 0.5
    if kill -0 "$pid" 2>/dev/null; then break; fi
    pid=""
  done
  [ -n "$pid" ] || { echo "could not start sshd: $(cat "$dir/sshd.log")" >&2; exit 1; }
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" > "$dir/known_hosts"
}
