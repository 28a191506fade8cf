using System.Buffers.Binary;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// Rewrites a TrueType font so that every composite glyph is built from simple glyphs only.
/// </summary>
/// <remarks>
/// DejaVu draws most Vietnamese letters as composites of composites: "Ự" is "Ư" (itself "U" + horn) + dot below, "ễ"
/// is "e" + a circumflex-and-tilde glyph that is again a composite. PDFsharp's font subsetter adds the components of
/// the glyphs a PDF uses, but only one level deep, so the embedded subset lacks the inner ones and every reader draws
/// "S ̣" for "SỰ" and "Nguyên" for "Nguyễn" while the text layer still reads right. A composite whose components are
/// all simple glyphs needs only that one level, so the subset is complete. The outlines are unchanged: nested offsets
/// are added up and the points keep their order, so the composites' own hinting still addresses the same points.
/// </remarks>
public static class FlatCompositeGlyphs
{
    private const ushort ArgsAreWords = 0x0001;
    private const ushort ArgsAreXyValues = 0x0002;
    private const ushort RoundXyToGrid = 0x0004;
    private const ushort HaveScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort HaveXyScale = 0x0040;
    private const ushort HaveTwoByTwo = 0x0080;
    private const ushort HaveInstructions = 0x0100;
    private const ushort UseMyMetrics = 0x0200;
    private const ushort AnyTransform = HaveScale | HaveXyScale | HaveTwoByTwo;

    private sealed record Component(ushort Flags, int Glyph, int Dx, int Dy, byte[] Transform);

    public static byte[] Flatten(byte[] font)
    {
        var tables = ReadTables(font);
        var head = tables["head"];
        var maxp = tables["maxp"];
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(maxp.AsSpan(4));
        var loca = tables["loca"];
        var glyf = tables["glyf"];
        var glyphs = new byte[glyphCount][];
        for (var g = 0; g < glyphCount; g++)
        {
            int Offset(int i) => longLoca
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(i * 4))
                : BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(i * 2)) * 2;
            glyphs[g] = glyf.AsSpan(Offset(g), Offset(g + 1) - Offset(g)).ToArray();
        }

        var flat = new byte[glyphCount][];
        var maxElements = 0;
        var allFlat = true;
        for (var g = 0; g < glyphCount; g++)
        {
            flat[g] = glyphs[g];
            if (!IsComposite(glyphs[g]))
            {
                continue;
            }

            if (ReadComponents(glyphs[g], out var instructions) is not { } components)
            {
                allFlat = false;
                continue;
            }

            var leaves = new List<Component>();
            if (!components.Any(c => IsComposite(glyphs[c.Glyph])))
            {
                leaves = components;
            }
            else if (Expand(glyphs, components, 0, 0, useMetrics: true, leaves, depth: 0))
            {
                flat[g] = WriteComposite(glyphs[g].AsSpan(0, 10), leaves, instructions);
            }
            else
            {
                allFlat = false;
            }

            maxElements = Math.Max(maxElements, leaves.Count);
        }

        // glyf with every glyph on a 4-byte boundary, and a long loca to address it.
        var newGlyf = new MemoryStream();
        var newLoca = new byte[(glyphCount + 1) * 4];
        for (var g = 0; g < glyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)newGlyf.Length);
            newGlyf.Write(flat[g]);
            newGlyf.Write(new byte[(4 - flat[g].Length % 4) % 4]);
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyphCount * 4), (uint)newGlyf.Length);
        head = (byte[])head.Clone();
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        maxp = (byte[])maxp.Clone();
        if (maxp.Length >= 32)
        {
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(28), (ushort)Math.Max(maxElements, BinaryPrimitives.ReadUInt16BigEndian(maxp.AsSpan(28))));
            if (allFlat)
            {
                BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(30), 1);
            }
        }

        tables["glyf"] = newGlyf.ToArray();
        tables["loca"] = newLoca;
        tables["head"] = head;
        tables["maxp"] = maxp;
        return WriteFont(BinaryPrimitives.ReadUInt32BigEndian(font), tables);
    }

    private static bool IsComposite(byte[] glyph) => glyph.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(glyph) < 0;

    /// <summary>The components of a composite glyph, or null when one is placed by point matching (left as it is).</summary>
    private static List<Component>? ReadComponents(byte[] glyph, out byte[] instructions)
    {
        var components = new List<Component>();
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at));
            int target = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at + 2));
            at += 4;
            int dx, dy;
            if ((flags & ArgsAreWords) != 0)
            {
                dx = BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(at));
                dy = BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(at + 2));
                at += 4;
            }
            else
            {
                dx = (sbyte)glyph[at];
                dy = (sbyte)glyph[at + 1];
                at += 2;
            }

            var transformLength = (flags & HaveScale) != 0 ? 2 : (flags & HaveXyScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
            var transform = glyph.AsSpan(at, transformLength).ToArray();
            at += transformLength;
            components.Add(new Component(flags, target, dx, dy, transform));
        }
        while ((flags & MoreComponents) != 0);

        instructions = (flags & HaveInstructions) != 0 && at + 2 <= glyph.Length
            ? glyph.AsSpan(at, 2 + BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at))).ToArray()
            : [];
        return components.All(c => (c.Flags & ArgsAreXyValues) != 0) ? components : null;
    }

    /// <summary>
    /// Appends the simple glyphs <paramref name="components"/> stand for, shifted by (<paramref name="dx"/>,
    /// <paramref name="dy"/>). False when a nested component is scaled or point-matched: offsets alone cannot place it.
    /// </summary>
    private static bool Expand(byte[][] glyphs, List<Component> components, int dx, int dy, bool useMetrics, List<Component> leaves, int depth)
    {
        foreach (var c in components)
        {
            var flags = (ushort)(c.Flags & ~(MoreComponents | HaveInstructions | ArgsAreWords));
            if (!useMetrics)
            {
                flags &= unchecked((ushort)~UseMyMetrics);
            }

            if (!IsComposite(glyphs[c.Glyph]))
            {
                leaves.Add(c with { Flags = flags, Dx = c.Dx + dx, Dy = c.Dy + dy });
                continue;
            }

            if (depth > 8 || (c.Flags & AnyTransform) != 0 || ReadComponents(glyphs[c.Glyph], out _) is not { } inner
                || !Expand(glyphs, inner, dx + c.Dx, dy + c.Dy, (flags & UseMyMetrics) != 0, leaves, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] WriteComposite(ReadOnlySpan<byte> header, List<Component> leaves, byte[] instructions)
    {
        var output = new MemoryStream();
        output.Write(header);
        var field = new byte[2];
        void Word(int value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(field, unchecked((ushort)value));
            output.Write(field);
        }

        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var flags = leaf.Flags | ArgsAreWords | ArgsAreXyValues;
            if (i < leaves.Count - 1)
            {
                flags |= MoreComponents;
            }
            else if (instructions.Length > 0)
            {
                flags |= HaveInstructions;
            }

            Word(flags);
            Word(leaf.Glyph);
            Word(leaf.Dx);
            Word(leaf.Dy);
            output.Write(leaf.Transform);
        }

        output.Write(instructions);
        return output.ToArray();
    }

    private static Dictionary<string, byte[]> ReadTables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + i * 16, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables[tag] = font.AsSpan(offset, length).ToArray();
        }

        return tables;
    }

    private static byte[] WriteFont(uint version, Dictionary<string, byte[]> tables)
    {
        var tags = tables.Keys.Order(StringComparer.Ordinal).ToList();
        var power = 1;
        var log = 0;
        while (power * 2 <= tags.Count)
        {
            power *= 2;
            log++;
        }

        var headerLength = 12 + tags.Count * 16;
        var output = new byte[headerLength + tables.Values.Sum(t => (t.Length + 3) / 4 * 4)];
        BinaryPrimitives.WriteUInt32BigEndian(output, version);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(4), (ushort)tags.Count);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(10), (ushort)(tags.Count * 16 - power * 16));
        BinaryPrimitives.WriteUInt32BigEndian(tables["head"].AsSpan(8), 0);
        var offset = headerLength;
        var headOffset = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            var data = tables[tags[i]];
            var record = output.AsSpan(12 + i * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tags[i], record);
            data.CopyTo(output, offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(output.AsSpan(offset, (data.Length + 3) / 4 * 4)));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            if (tags[i] == "head")
            {
                headOffset = offset;
            }

            offset += (data.Length + 3) / 4 * 4;
        }

        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(output)));
        return output;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        return sum;
    }
}
