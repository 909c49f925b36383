package dev.kubeherd.toolkit.image;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the GitHub token comes from: an environment variable ({@code --github-token-env}, default
 * {@code GITHUB_TOKEN}) or an SSM parameter ({@code --github-token-ssm-parameter}, read with
 * decryption).
 */
public sealed interface GithubTokenSource {
  /** The prototype's variable. */
  String DEFAULT_ENV = "GITHUB_TOKEN";

  /** Reads the token; {@code ssm} reads a parameter's decrypted value. */
  String read(Map<String, String> env, UnaryOperator<String> ssm);

  /** Where the token comes from, for messages: {@code the GitHub token from $GITHUB_TOKEN}. */
  String describe();

  /** The variable the token is in, if it comes from the environment (left out of the engine's). */
  default String variable() {
    return "";
  }

  /** The token is the value of the variable {@code name}. */
  record FromEnv(String name) implements GithubTokenSource {
    @Override
    public String read(Map<String, String> env, UnaryOperator<String> ssm) {
      String token = env.get(name);
      if (token == null || token.isBlank()) {
        throw new ImageBuildException(
            "--github-username is given but $"
                + name
                + " is empty; export the token there, or pass --github-token-env NAME or"
                + " --github-token-ssm-parameter NAME");
      }
      return token.strip();
    }

    @Override
    public String variable() {
      return name;
    }

    @Override
    public String describe() {
      return "the GitHub token from $" + name;
    }
  }

  /** The token is the (SecureString) value of the SSM parameter {@code name}. */
  record FromSsm(String name) implements GithubTokenSource {
    @Override
    public String read(Map<String, String> env, UnaryOperator<String> ssm) {
      String token = ssm.apply(name);
      if (token == null || token.isBlank()) {
        throw new ImageBuildException("the SSM parameter " + name + " holds no GitHub token");
      }
      return token.strip();
    }

    @Override
    public String describe() {
      return "the GitHub token from the SSM parameter " + name;
    }
  }
}
