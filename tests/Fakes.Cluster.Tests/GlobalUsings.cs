global using k8s;
global using PlatformValidation.Tests;
