export * from "./fixed";
export * from "./transcendental";
export * from "./vector";
export * from "./sparse";
export * from "./dense";
