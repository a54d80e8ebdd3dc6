// CLibEdit: the part of libedit (histedit.h) that the shell uses, made callable from Swift.
//
// Swift cannot call C variadic functions, and `el_set`, `el_get` and `history` are all variadic, so each
// call the shell needs gets a `static inline` wrapper with fixed arguments. Swift 6 also rejects the C
// globals `stdin`/`stdout`/`stderr` ("not concurrency-safe"), so they come through accessor functions.
// Nothing else lives here: all logic is in Swift (Sources/AutoMLShell/Terminal/).
#ifndef AUTOML_CLIBEDIT_SHIM_H
#define AUTOML_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

// MARK: - Standard streams

static inline FILE *automl_stdin(void) { return stdin; }
static inline FILE *automl_stdout(void) { return stdout; }
static inline FILE *automl_stderr(void) { return stderr; }

// MARK: - el_set / el_get

/// The prompt function, with `literal` marking the start and end of text (colour escapes) that takes no
/// room on the screen: "\1\033[1m\1name\1\033[0m\1> ".
static inline int automl_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *), char literal) {
    return el_set(el, EL_PROMPT_ESC, prompt, (int)literal);
}

/// "emacs" or "vi".
static inline int automl_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// The terminal type (terminfo name) to use instead of $TERM.
static inline int automl_el_set_terminal(EditLine *el, const char *type) {
    return el_set(el, EL_TERMINAL, type);
}

/// 0: libedit installs no signal handlers (its own ones re-raise the signal to the whole process group).
static inline int automl_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

/// The pointer that callbacks get back with `automl_el_get_clientdata`.
static inline int automl_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *automl_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Registers a named editor function (bind it to a key with `automl_el_bind`).
static inline int automl_el_addfn(EditLine *el, const char *name, const char *help,
                                  unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

/// Binds `key` ("^I", "\\e[A") to an editor function by name; the list's NULL terminator is added here.
static inline int automl_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// The history list that Ctrl-P / Ctrl-N and the arrows walk.
static inline int automl_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// Replaces libedit's character reader (one `read` per byte, signals ignored) with `reader`, which returns
/// 1 with a character, 0 at end of input, -1 on error (errno set).
static inline int automl_el_set_reader(EditLine *el, int (*reader)(EditLine *, wchar_t *)) {
    return el_set(el, EL_GETCFN, reader);
}

/// Clears and redraws the prompt and the line.
static inline int automl_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

/// 1: puts the terminal in libedit's editing mode (re-reading the current settings first); 0: back to the
/// mode it had before editing.
static inline int automl_el_prepare_terminal(EditLine *el, int editing) {
    return el_set(el, EL_PREP_TERM, editing);
}

// MARK: - history

static inline int automl_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

/// 1: an entry equal to the previous one is not entered again.
static inline int automl_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

static inline int automl_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

static inline int automl_history_clear(History *h) {
    HistEvent event;
    return history(h, &event, H_CLEAR);
}

#endif
