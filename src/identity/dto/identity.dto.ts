import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Role } from '../../common/auth-user.js';
import { PageArgs, Paginated } from '../../common/paging.js';
import { SessionKind, UserSession } from '../session.entity.js';
import { User } from '../user.entity.js';

@ObjectType()
export class LoginResult {
  @Field(() => String, {
    nullable: true,
    description: 'Bearer 令牌，放在 Authorization 头中；以 cookie: true 登录（网页端）时为空，令牌只在 httpOnly Cookie 中',
  })
  token: string | null;
  @Field()
  expiresAt: Date;
  @Field(() => User)
  user: User;
  @Field(() => PasswordChangeReason, {
    nullable: true,
    description: '非空：须先修改密码（MUST_CHANGE 管理员重置或首次登录；EXPIRED 密码过期），此前只能调用 me、changePassword、logout',
  })
  passwordChangeRequired: PasswordChangeReason | null;
}

export enum PasswordChangeReason {
  MUST_CHANGE = 'MUST_CHANGE',
  EXPIRED = 'EXPIRED',
}
registerEnumType(PasswordChangeReason, { name: 'PasswordChangeReason', description: '须修改密码的原因：管理员重置或首次登录、密码过期' });

@InputType()
export class CreateUserInput {
  @Field() @IsNotEmpty({ message: '用户名不能为空' }) @MaxLength(64) username: string;
  @Field() @IsNotEmpty({ message: '姓名不能为空' }) @MaxLength(64) displayName: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field() @IsNotEmpty({ message: '密码不能为空' }) password: string;
}

export enum UserSort {
  USERNAME = 'USERNAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  ROLE = 'ROLE',
  LAST_LOGIN = 'LAST_LOGIN',
  CREATED = 'CREATED',
}
registerEnumType(UserSort, { name: 'UserSort', description: '用户列表排序：用户名、姓名、角色、最近登录、创建时间' });

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field(() => String, { nullable: true, description: '搜索：用户名、姓名、所属单位（部门、镇、村；镇名含其下各村）或角色名称的一部分' })
  @IsOptional()
  @MaxLength(64)
  search?: string;
  @Field(() => UserSort, { nullable: true, description: '排序字段，默认按创建顺序' })
  @IsOptional()
  @IsEnum(UserSort)
  sort?: UserSort;
  @Field(() => Boolean, { nullable: true, description: 'true 为降序' })
  @IsOptional()
  descending?: boolean;
}

export const UserPage = Paginated(User, 'UserPage');

export const SessionPage = Paginated(UserSession, 'SessionPage');

@ArgsType()
export class SessionsArgs extends PageArgs {
  @Field(() => Int, { nullable: true, description: '只看这个账号的会话' }) @IsOptional() @IsInt() userId?: number;
  @Field(() => SessionKind, { nullable: true, description: '只看人员登录或服务令牌' })
  @IsOptional()
  @IsEnum(SessionKind)
  kind?: SessionKind;
  @Field(() => Boolean, { nullable: true, description: '默认只看仍有效的会话；false 连同已结束的' })
  @IsOptional()
  activeOnly?: boolean;
}

@InputType({ description: '签发服务令牌：给大屏或其他系统读取数据用，绑定一个角色和单位，默认只读，有有效期，可随时吊销' })
export class CreateServiceTokenInput {
  @Field({ description: '用途，如“市指挥中心大屏”' }) @IsNotEmpty({ message: '请填写用途' }) @MaxLength(100) name: string;
  @Field(() => Role, { description: '令牌按此角色访问（不能是管理员、安全管理员、审计管理员）' }) @IsEnum(Role) role: Role;
  @Field(() => Int, { nullable: true, description: '镇/村角色：所属区划' }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true, description: '部门角色：所属部门' }) @IsOptional() @IsInt() departmentId?: number;
  @Field(() => Int, { nullable: true, description: '有效天数，默认 90，最多 366' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '有效期至少 1 天' })
  @Max(366, { message: '有效期最多 366 天，到期后重新签发' })
  days?: number;
  @Field(() => Boolean, { nullable: true, description: '默认 true：只读；false 才允许修改数据' }) @IsOptional() readOnly?: boolean;
}

@ObjectType()
export class ServiceTokenResult {
  @Field({ description: '令牌，只显示这一次：放在客户端的 Authorization: Bearer 头中' })
  token: string;
  @Field(() => UserSession)
  session: UserSession;
  @Field(() => User, { description: '令牌背后的服务账号' })
  user: User;
}
