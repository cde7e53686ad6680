// The rule for every new password (sign-up, accepting an invitation): at least 12 characters
// (the contract says so too) and not easily guessed — zxcvbn's estimate over its list of common
// passwords, names and keyboard patterns, plus what the person just told us (email, name,
// company), must reach score 3 ("safely unguessable", about 10^8 guesses). Signing in with a
// password set before this rule is not affected. docs/decisions/011.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN_LENGTH } from "@bod/contracts/auth";
import { AppError } from "../http/errors.ts";

const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
// Built on first use (about 80 ms: the dictionaries), not when the module is imported.
const zxcvbn = () => (estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

const WHY: Record<string, string> = {
  topTen: "is one of the most used passwords",
  topHundred: "is one of the most used passwords",
  common: "is a commonly used password",
  similarToCommon: "is too close to a commonly used password",
  straightRow: "is a row of keys on the keyboard",
  keyPattern: "is a keyboard pattern",
  simpleRepeat: "repeats the same characters",
  extendedRepeat: "repeats the same characters",
  sequences: "is a sequence like abc or 1234",
  recentYears: "relies on a recent year",
  dates: "relies on a date",
  wordByItself: "is a single word",
  namesByThemselves: "is made of names",
  commonNames: "is made of common names",
  userInputs: "is made of your name, email or company name",
};

/** Why `password` may not be chosen, or undefined when it may. */
export function passwordProblem(password: string, personalWords: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  const words = personalWords.flatMap((w) => [w, ...w.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 3);
  const result = zxcvbn().check(password, words);
  if (result.score >= MIN_SCORE) return undefined;
  const why = (result.feedback.warning && WHY[result.feedback.warning]) || "is too easy to guess";
  return `This password ${why}; choose a longer one, for example a few unrelated words`;
}

/** 400 invalid_input naming `field` when the password may not be chosen. */
export function assertPasswordAllowed(password: string, personalWords: string[], field = "password") {
  const problem = passwordProblem(password, personalWords);
  if (problem) throw new AppError("invalid_input", "Choose another password", [{ path: field, message: problem, code: "weak_password" }]);
}
