# fish completion for automl. Install: copy this file to ~/.config/fish/completions/automl.fish
#
# The candidates come from `automl __complete CWORD WORD...`, which answers as Tab does inside the automl
# shell: commands, flags, their values, and resource IDs with their display names from the shell's cache
# (it never waits on the network).

function __automl_complete
    # The words before the cursor, quoted again (fish hands them over unquoted), then the current one as typed.
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    command automl __complete (count $tokens) (string escape -- $tokens) "$current" 2>/dev/null
end

complete -c automl -f -a '(__automl_complete)'
