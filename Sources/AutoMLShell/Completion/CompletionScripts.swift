/// The completion scripts of the login shells, which ask `automl __complete` for the candidates (see
/// ``ExternalCompletion``): `automl completion bash|zsh|fish` prints one, `make install` installs each where its shell
/// finds it, and completions/ holds the same text (a test keeps them equal).
package enum CompletionScripts {
    /// The shells there are scripts for.
    package static let shells = ["bash", "zsh", "fish"]

    /// The script for a shell; nil for another.
    package static func script(for shell: String) -> String? {
        switch shell {
        case "bash": bash
        case "zsh": zsh
        case "fish": fish
        default: nil
        }
    }

    /// Where completions/ keeps each script.
    package static let fileNames = ["bash": "automl.bash", "zsh": "_automl", "fish": "automl.fish"]

    static let bash = #"""
        # bash completion for automl. Install: source this file from ~/.bashrc, or copy it to
        # ~/.local/share/bash-completion/completions/automl (bash-completion loads it at the first Tab).
        #
        # The candidates come from `automl __complete CWORD WORD...`, which answers as Tab does inside the automl
        # shell: commands, flags, their values, and resource IDs from the shell's cache (it never waits on the network).

        _automl() {
            local line=${COMP_LINE:0:COMP_POINT} pos=0 i word glued
            local -a args=()
            # COMP_WORDS splits `--format=ya` and `http://host:80` at COMP_WORDBREAKS; glue the pieces back
            # together (pieces with no blank between them), and cut the current word at the cursor.
            for ((i = 0; i <= COMP_CWORD; i++)); do
                glued=1
                while [[ $pos -lt ${#line} && ${line:pos:1} == [[:blank:]] ]]; do
                    ((pos++))
                    glued=0
                done
                if ((i == COMP_CWORD)); then
                    word=${line:pos}
                else
                    word=${COMP_WORDS[i]}
                fi
                ((pos += ${#word}))
                ((i == 0)) && continue
                if ((glued && ${#args[@]} > 0)); then
                    args[${#args[@]}-1]+=$word
                else
                    args+=("$word")
                fi
            done
            ((${#args[@]} == 0)) && args=("")
            # A blank before the cursor starts a new, empty word.
            [[ $line == *[[:blank:]] && -n ${args[${#args[@]}-1]} ]] && args+=("")

            local current=${args[${#args[@]}-1]}
            # Readline replaces only the text after the last word break (`ya` of `--format=ya`).
            local kept=${current%"${current##*[=:]}"}
            local typed=${current#"$kept"}
            local line candidate description nospace=1 others=0
            local -a described=()
            COMPREPLY=()
            while IFS= read -r line; do
                candidate=${line%%$'\t'*}
                description=
                [[ $line == *$'\t'* ]] && description=${line#*$'\t'}
                [[ $candidate == *[/\(] ]] || nospace=0
                candidate=${candidate#"$kept"}
                # `(` is special to bash: `value(` goes in quoted, to be closed after the fields.
                [[ $candidate == *\( && $candidate != [\'\"]* ]] && candidate="'$candidate"
                [[ $candidate == "$typed"* ]] || others=1
                COMPREPLY+=("$candidate")
                described+=("$candidate${description:+  ($description)}")
            done < <(command automl __complete $((${#args[@]} - 1)) "${args[@]}" 2>/dev/null)
            # Several IDs found by their display names (`flo` for ICN111 and ICN112): readline would put their common ID
            # prefix in place of what was typed. List them with their names, and the typed word, which leaves it as it is.
            if ((${#COMPREPLY[@]} > 1 && others)); then
                COMPREPLY=("$typed" "${described[@]}")
            fi
            # Folders and `value(` take no space after them.
            ((${#COMPREPLY[@]} == 1 && nospace)) && compopt -o nospace 2>/dev/null
            return 0
        }

        complete -F _automl automl

        """#

    static let zsh = #"""
        #compdef automl
        # zsh completion for automl. Install: put this file, named _automl, in a folder of $fpath before compinit
        # runs, e.g. `fpath=(~/.zsh/completions $fpath)` then `autoload -Uz compinit && compinit` in ~/.zshrc;
        # or source it after compinit.
        #
        # The candidates come from `automl __complete CWORD WORD...`, which answers as Tab does inside the automl
        # shell: commands, flags, their values, and resource IDs with their display names from the shell's cache
        # (it never waits on the network).

        _automl() {
            local -a described shown plain bare
            local line word
            # The words after `automl` up to the current one, which is cut at the cursor ($PREFIX).
            for line in "${(@f)$(command automl __complete $((CURRENT - 2)) "${(@)words[2,CURRENT-1]}" "$PREFIX" 2>/dev/null)}"; do
                [[ -z $line ]] && continue
                word=${line%%$'\t'*}
                if [[ $line == *$'\t'* ]]; then
                    described+=("$word")
                    shown+=("$word  -- ${line#*$'\t'}")
                elif [[ $word == *[/\(] ]]; then
                    # Folders and `value(` take no space after them.
                    bare+=("$word")
                else
                    plain+=("$word")
                fi
            done
            # -U: a display name may match what was typed while the ID inserted does not start with it.
            # -Q: the candidates are already quoted for the word as typed.
            (( ${#described} )) && compadd -U -Q -l -d shown -a described
            (( ${#plain} )) && compadd -U -Q -a plain
            (( ${#bare} )) && compadd -U -Q -S '' -a bare
            return 0
        }

        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
            _automl "$@"
        else
            compdef _automl automl
        fi

        """#

    static let fish = #"""
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

        """#
}
