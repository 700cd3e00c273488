namespace Myelin.Vision;

/// <summary>The kinds of shape <see cref="SyntheticShapes"/> draws; the value is the class index in the localization data.</summary>
public enum ShapeKind
{
    /// <summary>A filled disc.</summary>
    Circle,

    /// <summary>A filled axis-aligned square.</summary>
    Square,

    /// <summary>A filled upright triangle: the apex at the top centre, the base at the bottom, as wide as it is tall.</summary>
    Triangle,
}
