# bash completion for kringloop: subcommands, each subcommand's flags (from its --help), scenario
# option names (`--population.farmers`, `--vary scheme.NAME.key=`) from `kringloop options --names`,
# and file names (*.ini for scenarios, *.h5 for results). Installed to
# share/bash-completion/completions/kringloop; for a build tree: source agents/app/completion/kringloop.bash
_kringloop() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} program=${COMP_WORDS[0]}
  local commands="run validate options inspect sweep merge sensitivity extract --help --version"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    return
  fi
  local command=${COMP_WORDS[1]}
  # The option names of the default scenario, asked once per shell (the program knows them best).
  if [ -z "${_kringloop_names:-}" ]; then
    _kringloop_names=$("$program" options --names 2>/dev/null)
  fi
  case $prev in
    -o|--output|--scenario|--scenarios)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --vary)
      COMPREPLY=($(compgen -S = -W "$_kringloop_names" -- "$cur"))
      compopt -o nospace 2>/dev/null
      return ;;
  esac
  if [[ $cur == -* ]]; then
    local flags
    flags=$("$program" "$command" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
    COMPREPLY=($(compgen -W "$flags $(printf -- '--%s\n' $_kringloop_names)" -- "$cur"))
    return
  fi
  case $command in
    run|validate|sweep) COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur")) ;;
    inspect|sensitivity|extract|merge) COMPREPLY=($(compgen -f -X '!*.@(h5|kls)' -- "$cur") $(compgen -d -- "$cur")) ;;
    *) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _kringloop kringloop
