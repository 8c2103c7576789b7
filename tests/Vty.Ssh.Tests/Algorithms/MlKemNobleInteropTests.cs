using Org.BouncyCastle.Crypto.Parameters;
using Vty.Ssh.Algorithms.Kem;
using Vty.TestSupport;

namespace Vty.Ssh.Tests.Algorithms;

/// <summary>
/// Our ML-KEM-768 against an independent implementation: the @noble/post-quantum npm package run
/// by node (installed by scripts/install-test-deps.sh). Each side encapsulates to the other's
/// public key and the secrets must match; the same seed must give the same public key.
/// </summary>
public sealed class MlKemNobleInteropTests
{
    private static readonly string ModulePath = Path.Combine(
        Environment.GetEnvironmentVariable("VTY_TOOLS_DIR") ?? "/opt/vty-test-tools",
        "noble", "node_modules", "@noble", "post-quantum", "ml-kem.js");

    // argv: mode, then hex inputs; prints hex outputs separated by spaces.
    private const string Script = """
        const [modulePath, mode, ...args] = process.argv.slice(1);
        const { ml_kem768 } = await import('file://' + modulePath);
        const hex = (b) => Buffer.from(b).toString('hex');
        const bytes = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
        if (mode === 'encapsulate') {
          const { cipherText, sharedSecret } = ml_kem768.encapsulate(bytes(args[0]));
          console.log(hex(cipherText), hex(sharedSecret));
        } else if (mode === 'keygen') {
          const { publicKey, secretKey } = args[0] ? ml_kem768.keygen(bytes(args[0])) : ml_kem768.keygen();
          console.log(hex(publicKey), hex(secretKey));
        } else if (mode === 'decapsulate') {
          console.log(hex(ml_kem768.decapsulate(bytes(args[0]), bytes(args[1]))));
        } else {
          throw new Error('unknown mode ' + mode);
        }
        """;

    private static async Task<string[]> NobleAsync(params string[] arguments)
    {
        Assert.True(File.Exists("/usr/bin/node") || File.Exists("/usr/local/bin/node"), "node is missing: run scripts/install-test-deps.sh");
        Assert.True(File.Exists(ModulePath), $"{ModulePath} is missing: run scripts/install-test-deps.sh");
        var (code, stdout, _, output) = await ManagedProcess.RunCapturedAsync("node",
            ["--input-type=module", "-e", Script, ModulePath, .. arguments], null, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node exited {code}: {output}");
        return stdout.Trim().Split(' ');
    }

    [Fact]
    public async Task Noble_encapsulates_to_our_key_and_we_decapsulate_the_same_secret()
    {
        using IKemKeyPair ours = MlKem768.Instance.GenerateKeyPair();
        string[] result = await NobleAsync("encapsulate", Convert.ToHexStringLower(ours.PublicKey));
        byte[] ciphertext = Convert.FromHexString(result[0]);
        Assert.Equal(1088, ciphertext.Length);
        Assert.Equal(result[1], Convert.ToHexStringLower(ours.Decapsulate(ciphertext)));
    }

    [Fact]
    public async Task We_encapsulate_to_a_noble_key_and_noble_decapsulates_the_same_secret()
    {
        string[] keys = await NobleAsync("keygen");
        KemEncapsulation encapsulation = MlKem768.Instance.Encapsulate(Convert.FromHexString(keys[0]));
        string[] secret = await NobleAsync("decapsulate", Convert.ToHexStringLower(encapsulation.Ciphertext), keys[1]);
        Assert.Equal(Convert.ToHexStringLower(encapsulation.Secret), secret[0]);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_public_key()
    {
        byte[] seed = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();
        string[] keys = await NobleAsync("keygen", Convert.ToHexStringLower(seed));
        var ours = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, seed);
        Assert.Equal(keys[0], Convert.ToHexStringLower(ours.GetPublicKeyEncoded()));
    }
}
