package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// usageError is a command line that can't be run as given: an unknown
// flag, a missing or extra argument. It exits 2, with the usage.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg + "\n" + e.usage }

// flags are a command's flags and the arguments its usage line names.
type flags struct {
	*flag.FlagSet
	args string
}

// newFlags returns the flags of the command name, whose usage line shows
// args after it.
func newFlags(name, args string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, args: args}
}

// parse reads a command line whose flags may come before, between or after
// its arguments, and returns the arguments, which must be exactly those
// named (a last name ending in ... takes the rest: at least one, or — in
// [brackets] — any number). -h or --help prints the usage on stdout and
// returns flag.ErrHelp.
func (f *flags) parse(args []string, stdout io.Writer, names ...string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, f.usage())
				return nil, err
			}
			return nil, f.wrong(flagProblem(err))
		}
		if f.NArg() == 0 {
			break
		}
		pos = append(pos, f.Arg(0))
		args = f.Args()[1:]
	}
	least, most := len(names), len(names)
	if n := len(names); n > 0 && strings.HasSuffix(strings.TrimSuffix(names[n-1], "]"), "...") {
		most = -1
		if strings.HasPrefix(names[n-1], "[") {
			least--
		}
	}
	switch {
	case len(pos) < least:
		return nil, f.wrong("missing " + strings.Join(names[len(pos):least], " "))
	case most >= 0 && len(pos) > most:
		return nil, f.wrong(fmt.Sprintf("unexpected argument %q", pos[most]))
	}
	return pos, nil
}

// need refuses flags left empty.
func (f *flags) need(names ...string) error {
	for _, name := range names {
		if f.Lookup(name).Value.String() == "" {
			return f.wrong("--" + name + " is required")
		}
	}
	return nil
}

func (f *flags) wrong(msg string) error { return &usageError{msg: msg, usage: f.usage()} }

// isSet reports whether the command line set the flag, even to "".
func (f *flags) isSet(name string) bool {
	set := false
	f.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	return set
}

// usage renders the command's usage line and flags, spelt as the usage
// line and README spell them: --name.
func (f *flags) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: reach %s %s\n", f.Name(), f.args)
	f.VisitAll(func(fl *flag.Flag) {
		kind, help := flag.UnquoteUsage(fl)
		fmt.Fprintf(&b, "  --%s", fl.Name)
		if kind != "" {
			fmt.Fprintf(&b, " %s", kind)
		}
		fmt.Fprintf(&b, "\n      %s", help)
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" {
			fmt.Fprintf(&b, " (default %s)", fl.DefValue)
		}
		b.WriteString("\n")
	})
	return b.String()
}

// flagProblem restates an error of the flag package with flags spelt --name.
func flagProblem(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown flag --" + strings.TrimPrefix(name, "-")
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "--" + strings.TrimPrefix(name, "-") + " needs a value"
	}
	return singleDashFlag.ReplaceAllString(msg, "flag --$1")
}

var singleDashFlag = regexp.MustCompile(`flag -+([a-z][a-z0-9-]*)`)

// version describes this build: the module version and, when the build
// knows it, the commit it was built from.
func version() string {
	v := "reach"
	if info, ok := debug.ReadBuildInfo(); ok {
		v += " " + info.Main.Version
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			v += " " + rev[:min(12, len(rev))]
			if settings["vcs.modified"] == "true" {
				v += "+modified"
			}
			if t := settings["vcs.time"]; t != "" {
				v += " (" + t + ")"
			}
		}
	}
	return v + " " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// unknownSubcommand answers a group command (users, tokens, placeholders)
// run with a subcommand it lacks: its usage on stdout and exit 0 when help
// was asked for, a usage error otherwise.
func unknownSubcommand(group, sub, usage string, stdout io.Writer) error {
	switch sub {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return flag.ErrHelp
	case "":
		return &usageError{msg: "name a " + group + " command", usage: usage}
	}
	return &usageError{msg: fmt.Sprintf("unknown %s command %q", group, sub), usage: usage}
}

// subcommand splits a group command's arguments into its subcommand ("" when
// none) and the rest.
func subcommand(args []string) (string, []string) {
	if len(args) == 0 {
		return "", nil
	}
	return args[0], args[1:]
}
